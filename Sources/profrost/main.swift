import CLI
ProfrostCommand.runMain()
