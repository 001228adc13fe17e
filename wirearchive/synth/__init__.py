"""Synthetic wire-news corpus with ground truth: :func:`generate_corpus`, :func:`iter_corpus`, :func:`spin`."""

from wirearchive.synth.corpus import SynthDoc, generate_corpus, iter_corpus
from wirearchive.synth.spinner import spin

__all__ = ["SynthDoc", "generate_corpus", "iter_corpus", "spin"]
