"""`python -m mizan_lsp`: the same as the `mizan-lsp` console script."""

from mizan_lsp.server import main

if __name__ == "__main__":
    raise SystemExit(main())
