"""Pictures of the analyses (`argmap plot`, and the report's distribution plots).

Every chart is built once as a `canvas.Picture` (rectangles, lines, circles and text in pixels) and drawn
by argmap itself as SVG (`svg`), or as PNG by matplotlib (`png`, the plot extra): one drawing, two outputs.
"""
