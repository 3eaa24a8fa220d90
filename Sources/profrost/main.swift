import CLI
ProfrostCommand.main()
