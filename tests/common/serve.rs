//! A running `vitrine serve` driven over real HTTP: pages, the reload event stream, and
//! waiting for an edit to show.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// A running `vitrine serve`, killed when dropped.
pub struct Server {
    pub child: Child,
    pub addr: String,
    pub base: String,
    /// The server's log (standard error), line by line.
    pub log: mpsc::Receiver<String>,
}

impl Server {
    /// Starts `command` (a `vitrine serve`) and waits for its `serving <url>` line.
    pub fn spawn(mut command: Command) -> Server {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, log) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .nth(1)
            .expect("serving <url>")
            .to_string();
        let rest = url.strip_prefix("http://").unwrap();
        let (addr, path) = rest.split_at(rest.find('/').unwrap());
        Server {
            child,
            addr: addr.to_string(),
            base: path.to_string(),
            log,
        }
    }

    /// The next log line that contains `text`, within 20 seconds.
    pub fn log_line(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = self
                .log
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no log line with `{text}`"));
            if line.contains(text) {
                return line;
            }
        }
    }

    /// Status and body of a request for `path` (sent as is, not normalized).
    pub fn get(&self, path: &str) -> (u16, String) {
        let reply = self.send("GET", path, None);
        (
            reply.status,
            String::from_utf8_lossy(&reply.body).into_owned(),
        )
    }

    /// The reply to a `GET` of `rel` (under the site's base path), sent with
    /// `Accept-Encoding: <accept>` when given, as browsers send `gzip, deflate, br`.
    pub fn fetch(&self, rel: &str, accept: Option<&str>) -> Reply {
        self.request("GET", rel, accept)
    }

    /// The reply to `method` `rel`, as [`Server::fetch`].
    pub fn request(&self, method: &str, rel: &str, accept: Option<&str>) -> Reply {
        self.send(method, &format!("{}{rel}", self.base), accept)
    }

    /// The reply to `method` `target` (sent as is).
    fn send(&self, method: &str, target: &str, accept: Option<&str>) -> Reply {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        let accept = accept.map_or(String::new(), |a| format!("Accept-Encoding: {a}\r\n"));
        write!(
            stream,
            "{method} {target} HTTP/1.1\r\nHost: {}\r\n{accept}Connection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let end = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a whole response");
        let head = String::from_utf8_lossy(&response[..end]).into_owned();
        let mut lines = head.split("\r\n");
        let status = lines.next().unwrap().split_whitespace().nth(1).unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Reply {
            status: status.parse().unwrap(),
            headers,
            body: response[end + 4..].to_vec(),
        }
    }

    pub fn page(&self, rel: &str) -> String {
        self.get(&format!("{}{rel}", self.base)).1
    }

    /// Waits until `rel` satisfies `ready`, for at most 10 seconds.
    pub fn wait_for(&self, rel: &str, ready: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let body = self.page(rel);
            if ready(&body) {
                return body;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "{rel} never became ready:\n{body}"
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Lines of the reload event stream, as they arrive.
    pub fn events(&self) -> mpsc::Receiver<String> {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        write!(
            stream,
            "GET {}__vitrine/events HTTP/1.1\r\nHost: {}\r\n\r\n",
            self.base, self.addr
        )
        .unwrap();
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // The stream is open once its first comment arrives.
        while rx.recv_timeout(Duration::from_secs(5)).unwrap() != ": connected" {}
        rx
    }
}

/// An HTTP response as received.
pub struct Reply {
    pub status: u16,
    /// Header names in lower case, values as sent.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    /// The value of the header `name` (lower case), if sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as the client reads it: inflated when sent with `Content-Encoding: gzip`
    /// (checking the gzip checksum and length).
    pub fn decoded(&self) -> Vec<u8> {
        match self.header("content-encoding") {
            None => self.body.clone(),
            Some("gzip") => {
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(self.body.as_slice())
                    .read_to_end(&mut out)
                    .expect("a valid gzip body");
                out
            }
            Some(other) => panic!("unexpected content encoding {other}"),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn title(html: &str) -> &str {
    html.split_once("<h1>")
        .and_then(|(_, r)| r.split_once("</h1>"))
        .map_or("", |(t, _)| t)
}

/// The served page without what `serve` adds to it.
pub fn without_injection(html: &str) -> String {
    match html.find("<script>(()=>{const s=new EventSource(") {
        Some(start) => {
            let end = start + html[start..].find("</script>").unwrap() + "</script>".len();
            format!("{}{}", &html[..start], &html[end..])
        }
        None => html.to_string(),
    }
}

/// The next event of `events` (skipping comments and data), within 10 seconds.
pub fn next_event(events: &mpsc::Receiver<String>) -> String {
    let started = Instant::now();
    loop {
        let line = events
            .recv_timeout(Duration::from_secs(10))
            .expect("an event");
        if let Some(name) = line.strip_prefix("event: ") {
            return name.to_string();
        }
        assert!(started.elapsed() < Duration::from_secs(10));
    }
}
