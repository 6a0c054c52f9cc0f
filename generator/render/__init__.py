"""Render: the view and the house style -> document bytes. deck/ and briefing/ by format; ooxml/ alone touches the libraries' internals."""
