// Building a site allocates many small strings and maps from every thread; mimalloc
// handles that pattern markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    vitrine::cli::run()
}
