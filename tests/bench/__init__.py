"""`make bench`: every benchmark of the project, each against a peer measured in
the same run. Each area adds a module `bench_<area>.py` with
`run(quick: bool) -> list[Row]`; `python -m tests.bench [area...]` runs them
and prints one table. Figures go to docs/performance.md by hand, with the
command that reproduced them.
"""
