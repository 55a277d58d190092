"""Drawing maps: a neutral `Diagram` (diagram.py) drawn as DOT, Mermaid, Graphviz SVG/PNG or inline SVG."""
