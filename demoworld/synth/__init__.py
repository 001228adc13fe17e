"""Synthetic wire-news corpus with ground truth: :func:`generate_corpus`, :func:`iter_corpus`, :func:`spin`."""

from demoworld.synth.corpus import SynthDoc, generate_corpus, iter_corpus
from demoworld.synth.spinner import spin

__all__ = ["SynthDoc", "generate_corpus", "iter_corpus", "spin"]
