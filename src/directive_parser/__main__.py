from directive_parser.cli import main

main()
