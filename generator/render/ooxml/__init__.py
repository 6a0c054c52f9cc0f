"""The only place that touches python-pptx's and python-docx's internals: elements, parts, chart XML for both formats."""
