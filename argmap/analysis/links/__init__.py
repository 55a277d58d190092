"""The corpus as one debate: links between claims of different maps (links.yaml), the suggestion of
links (the clusters of claims that make one point are `argmap.core.clusters`), and the evaluation of which claims stand."""
