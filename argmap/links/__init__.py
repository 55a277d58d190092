"""The corpus as one debate: links between claims of different maps (links.yaml), the clusters of
claims that make one point, the suggestion of links, and the evaluation of which claims stand."""
