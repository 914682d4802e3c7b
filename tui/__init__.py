"""icdrill's terminal front end: the command line and the Textual app. Only this package imports textual."""
