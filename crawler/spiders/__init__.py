"""The crawl's spiders and the small tables they decide with."""
