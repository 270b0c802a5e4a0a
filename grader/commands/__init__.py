"""One module per `grade` subcommand, each with `add_parser(subparsers, common)` (except
`grade`, which has its own parser, and the overview, which has none) and
`run(args) -> int`. The logic lives in the modules they call; these only parse and dispatch.
`shared.py` holds what several of them need."""
