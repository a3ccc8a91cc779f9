"""An import-linter contract the built-in ones lack: no cycle between any two modules of the given packages.

`acyclic_siblings` looks inside one package at a time; a cycle through both
apps (articles.models -> actors.evidence -> articles.models) needs the
modules of all of them in one graph. Imports inside functions count: grimp
reads every import statement of a module.
"""

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output
from importlinter.application import contract_utils


class AcyclicModulesContract(Contract):
    type_name = "acyclic_modules"

    packages = fields.ListField(subfield=fields.ModuleExpressionField())
    exclude = fields.ListField(subfield=fields.ModuleExpressionField(), required=False)
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph,
            ignore_imports=self.ignore_imports,  # type: ignore[arg-type]
            unmatched_alerting=contract_utils.AlertLevel.ERROR,
        )
        excluded = set()
        for expression in self.exclude or []:  # type: ignore[union-attr]
            excluded |= graph.find_matching_modules(expression.expression)
        modules = set()
        for expression in self.packages:  # type: ignore[attr-defined]
            for package in graph.find_matching_modules(expression.expression):
                modules |= {package, *graph.find_descendants(package)}
        modules -= {m for m in modules if any(m == e or m.startswith(e + ".") for e in excluded)}
        cycles = [
            [
                (a, b, sorted(d["line_number"] for d in graph.get_import_details(importer=a, imported=b)))
                for a in component
                for b in sorted(graph.find_modules_directly_imported_by(a))
                if b in component
            ]
            for component in _strongly_connected(graph, modules)
        ]
        return ContractCheck(
            kept=not cycles,
            warnings=list(removal.warnings),
            ignored_import_count=removal.ignored_import_count,
            metadata={"cycles": cycles},
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        for cycle in check.metadata["cycles"]:
            output.print_error("Modules that import each other, around:")
            for importer, imported, lines in cycle:
                output.print(f"  {importer} -> {imported} (l.{', '.join(map(str, lines))})")
            output.new_line()


def _strongly_connected(graph, modules):
    """The groups of two or more modules that reach each other (Tarjan's algorithm, without recursion)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    for root in sorted(modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root) & modules)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph.find_modules_directly_imported_by(nxt) & modules))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found
