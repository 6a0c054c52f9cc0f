"""The deck (.pptx): slide kinds, blocks, the house master and a designer's template, from the view."""
