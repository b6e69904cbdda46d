"""The Mizan language server: the checker's diagnostics, completion, hover,
go-to-definition and TypeScript sync, live in the editor.

Data flow: editor text -> `Session` (owns the one `ProjectIndex` of the
workspace) -> `IndexResult` snapshot -> features (`mizan_lsp.features.*`),
which only read snapshots. Start it with `mizan-lsp` or `mizan lsp`; it talks
LSP over stdio and never imports Django or the project's code.
"""

__all__: list[str] = []
