"""The output pipeline: what happens to the written site, in the order of ``OUTPUT_PIPELINE``."""
