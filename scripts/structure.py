#!/usr/bin/env python3
"""The shape of the code under src/ (or the folder given): exits 1, naming each problem, when

- two top-level modules import each other, directly or through others (`crate::x` paths);
- two files of one module do (`super::x`, `crate::m::x`, `use super::{x, y}`): a file of a
  module that names an item of the module's own file (mod.rs, or m.rs beside m/) closes a
  cycle with it, since that file declares and uses its children;
- a file is over 800 lines, or an `impl` block (from `impl` at column 0 to its `}`) over 400.

Comments and `#[cfg(test)]` modules are left out. `--graph` also prints each dependency list.
Run by `tests/cli.rs`, so by the README's test command."""

import os
import re
import sys
from collections import defaultdict

FILE_LINES = 800
IMPL_LINES = 400


def code_of(text):
    """The text without test modules and comment lines."""
    text = text.split("#[cfg(test)]")[0]
    return "\n".join(l for l in text.split("\n") if not l.strip().startswith("//"))


def names_after(text, prefix):
    """First path segment after each `prefix::` (single paths and `{a, b::c}` groups)."""
    out = set()
    for m in re.finditer(re.escape(prefix) + r"::(\{|[A-Za-z_][A-Za-z0-9_]*)", text):
        if m.group(1) != "{":
            out.add(m.group(1))
            continue
        depth, i, item = 1, m.end(), ""
        while i < len(text) and depth:
            ch = text[i]
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            if depth == 1 and ch == ",":
                out.add(item)
                item = ""
            elif depth >= 1 and ch not in "{}":
                item += ch if depth == 1 else ""
            i += 1
        out.add(item)
    return {re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*|\*)?", n).group(1) for n in out} - {None}


def cycles(graph):
    """Strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def impl_blocks(lines):
    """(first line number, length) of each `impl` block starting at column 0."""
    start = None
    for n, line in enumerate(lines, 1):
        if start is None and line.startswith("impl"):
            start = n
        elif start is not None and line.startswith("}"):
            yield start, n - start + 1
            start = None


def main(root, show_graph):
    files = {}
    for folder, _, names in os.walk(root):
        for name in names:
            if name.endswith(".rs"):
                path = os.path.join(folder, name)
                files[os.path.relpath(path, root)] = open(path, encoding="utf-8").read()
    problems = []
    top = defaultdict(set)
    # module path ("render") -> {file stem: file}, and the module's own file.
    children = defaultdict(dict)
    own = {}
    for rel in files:
        parts = rel[:-3].split(os.sep)
        if parts[-1] == "mod":
            own["/".join(parts[:-1])] = rel
        elif len(parts) > 1:
            children["/".join(parts[:-1])][parts[-1]] = rel
        else:
            own.setdefault(parts[0], rel)
    for module in children:
        if os.path.join(*module.split("/")) + ".rs" in files:
            own[module] = os.path.join(*module.split("/")) + ".rs"

    for rel, text in sorted(files.items()):
        lines = text.split("\n")
        if len(lines) - 1 > FILE_LINES:
            problems.append(f"{rel}: {len(lines) - 1} lines, over {FILE_LINES}")
        for start, length in impl_blocks(lines):
            if length > IMPL_LINES:
                problems.append(f"{rel}:{start}: impl block of {length} lines, over {IMPL_LINES}")
        code = code_of(text)
        first = rel[:-3].split(os.sep)[0]
        if first not in ("lib", "main"):
            top[first] |= names_after(code, "crate") - {first}

    file_graphs = {}
    for module, kids in children.items():
        graph = defaultdict(set)
        parent = own.get(module)
        for stem, rel in kids.items():
            code = code_of(files[rel])
            named = names_after(code, "super") | names_after(code, "crate::" + module.replace("/", "::"))
            for name in named:
                if name in kids and name != stem:
                    graph[stem].add(name)
                elif name not in kids and parent is not None:
                    graph[stem].add("(" + os.path.basename(parent) + ")")
        if parent is not None:
            graph["(" + os.path.basename(parent) + ")"] |= set(kids)
        file_graphs[module] = graph

    for c in cycles(top):
        problems.append("import cycle between modules: " + " ↔ ".join(c))
    for module, graph in sorted(file_graphs.items()):
        for c in cycles(graph):
            problems.append(f"import cycle between the files of {module}: " + " ↔ ".join(c))

    if show_graph:
        for v in sorted(top):
            print(v, "->", " ".join(sorted(top[v])))
        for module, graph in sorted(file_graphs.items()):
            for v in sorted(graph):
                print(f"{module}/{v}", "->", " ".join(sorted(graph[v])))
    for p in problems:
        print("structure:", p, file=sys.stderr)
    sizes = sorted((len(t.split("\n")) - 1, r) for r, t in files.items())
    print(
        f"structure: {len(files)} files, {len(top)} modules, {len(file_graphs)} with files of"
        f" their own; largest file {sizes[-1][1]} ({sizes[-1][0]} lines);"
        f" {'no' if not problems else len(problems)} problem{'s' if len(problems) != 1 else ''}"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--graph"]
    sys.exit(main(args[0] if args else "src", "--graph" in sys.argv[1:]))
