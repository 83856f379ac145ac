"""The pages of initiatives, one module per page family: `initiatives` (the list and one initiative), `themes`
(categories and topics), `measures` (the rankings of measures and their families), `coverage`, `timeline`, and
`charts` (each chart's SVG and CSV download)."""
