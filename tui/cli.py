"""The `icdrill` command line (skeleton; subcommands are filled in as they land)."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="icdrill")
    sub = parser.add_subparsers(dest="command")
    validate = sub.add_parser("validate", help="Check scenario files and folders.")
    validate.add_argument("paths", nargs="+")
    sub.add_parser("schema", help="Print the JSON Schema of the scenario format.")
    args = parser.parse_args(argv)
    if args.command == "validate":
        from sim.scenario import validate_main

        return validate_main(args.paths)
    if args.command == "schema":
        import json

        from sim.scenario.schema import json_schema

        print(json.dumps(json_schema(), indent=2))
        return 0
    parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
