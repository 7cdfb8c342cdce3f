"""stanza's inference with less Python around its networks: the same parses, sooner.

Profiled over news text, about a third of stanza's parse time was Python around the networks, not the
networks: padding index lists into tensors one row at a time (`get_long_tensor`), looking every character
and word up in its vocabulary again for each occurrence, and formatting each word's morphological features
back into a string from their ids (`CompositeVocab.id2unit`, a `str.format` a feature) — for padding too.
The part-of-speech tagger and the dependency parser also run a character LSTM over every word although its
vector depends on the word's characters alone. `install` puts in place, for this process:

- `padded`: the same padded LongTensor, filled row by row from numpy;
- vocabulary lookups remembered per vocabulary (unit → id and feature ids → string), bounded;
- the character model's word vector remembered per character sequence, bounded: only words not seen
  before go through the LSTM;
- the tagger's XPOS and feature classifiers, bilinear in a word's hidden vector and the embedding of its
  predicted UPOS: the weights are contracted with each distinct embedding in the batch (a dozen or so), and
  each word then takes one matrix-vector product instead of the full bilinear form, a fiftieth of the work;
- the lemmatizer's first batch of every word, built only for its document: with the dictionary ensemble (or
  the dictionary alone) the words the model must lemmatize are batched again, apart, and only those are read.

The vocabularies and the network weights do not change while parsing, so what is remembered is what
would be computed: `tests/test_lean.py` checks each piece against stanza's own, and the recorded parses
(`tests/test_fixtures.py`) must come out byte for byte as before.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

LIMIT = 200_000  # entries a memo holds before it starts again: bounded memory over any corpus
WORDS = 50_000  # word vectors a character model remembers (about 40 MB; news repeats its common forms)
_ORIGINAL: dict[str, Any] = {}
_APPLIED: list[tuple[Any, str, Any]] = []  # (owner, attribute, what it was) of every patch in place, in order
FOR_STANZA = "1.15."  # the stanza these patches were written against
PLAIN = "QUOTES_PLAIN_STANZA"  # set (not 0): stanza's own code, untouched


def padded(rows: Sequence[Any], batch_size: int, pad_id: int = 0) -> Any:
    """stanza's `get_long_tensor`: (lists of) lists of ids as a LongTensor padded with `pad_id`."""
    import torch

    sizes, x = [], rows
    while x and isinstance(x[0], list):
        sizes.append(max(len(y) for y in x))
        x = [z for y in x for z in y]
    if len(sizes) not in (1, 2):
        return _ORIGINAL["get_long_tensor"](rows, batch_size, pad_id)
    out = np.full((batch_size, *sizes), pad_id, dtype=np.int64)
    for i, row in enumerate(rows):
        if len(sizes) == 1:
            out[i, :len(row)] = row
        else:
            for j, ids in enumerate(row):
                out[i, j, :len(ids)] = ids
    return torch.from_numpy(out)


def _memo(owner: Any, name: str, limit: int = LIMIT) -> dict[Any, Any]:
    memo: dict[Any, Any] | None = owner.__dict__.get(name)
    if memo is None or len(memo) > limit:
        memo = owner.__dict__[name] = {}
    return memo


def _remembered(compute: Callable[[Any, Any], Any], name: str) -> Callable[[Any, Any], Any]:
    """A vocabulary method remembered per vocabulary by its (hashable) argument; list results are copied."""
    def method(self: Any, key: Any) -> Any:
        memo = _memo(self, name)
        k = tuple(key) if isinstance(key, list) else key
        try:
            got = memo[k]
        except KeyError:
            got = memo[k] = compute(self, key)
        return list(got) if isinstance(got, list) else got
    return method


def _map(self: Any, units: Sequence[Any]) -> list[Any]:
    """BaseVocab.map (every character of every word) with one memo lookup a unit."""
    memo, out = _memo(self, "_lean_map"), []
    for u in units:
        got = memo.get(u)
        if got is None:
            got = memo[u] = self.unit2id(u)
        out.append(list(got) if isinstance(got, list) else got)
    return out


def _char_vectors(self: Any, chars: Any, chars_mask: Any, word_orig_idx: Any, sentlens: Any, wordlens: Any) -> Any:
    """stanza's CharacterModel.forward with each word's vector remembered by its characters."""
    import torch
    from stanza.models.common.utils import tensor_unsort
    from torch.nn.utils.rnn import pack_sequence, pad_packed_sequence

    memo = _memo(self, "_lean_words", WORDS)
    keys = [tuple(row[:n]) for row, n in zip(chars.tolist(), wordlens, strict=True)]
    first = {k: i for i, k in reversed(list(enumerate(keys)))}
    todo = [i for k, i in first.items() if k not in memo]
    if todo:
        todo.sort(key=lambda i: -wordlens[i])  # packing wants longest first, as stanza's batches come
        lens = [wordlens[i] for i in todo]
        vectors = _ORIGINAL["char_forward"](self, chars[todo, :lens[0]], None, list(range(len(todo))),
                                            [len(todo)], lens)
        vectors = pad_packed_sequence(vectors, batch_first=True)[0][0] if not self.pad else vectors[0]
        memo.update(zip((keys[i] for i in todo), vectors, strict=True))
    res = tensor_unsort(torch.stack([memo[k] for k in keys]), word_orig_idx)
    res = pack_sequence(res.split(sentlens))
    return pad_packed_sequence(res, batch_first=True)[0] if self.pad else res


def _tag_scores(self: Any, input1: Any, input2: Any) -> Any:
    """stanza's BiaffineScorer.forward, contracting the weights once with each distinct row of `input2`."""
    import torch

    if self.training or input1.dim() != 2 or len(input1) < 64:
        return _ORIGINAL["biaffine"](self, input1, input2)
    # rows told apart by one projection (torch.unique over whole rows sorts them, and costs more than it saves)
    keys = input2 @ torch.linspace(1.0, 2.0, input2.size(1), dtype=input2.dtype)
    which = torch.unique(keys, return_inverse=True)[1]
    rows = input2.new_empty(int(which.max()) + 1, input2.size(1))
    rows[which] = input2
    if len(rows) * 8 > len(input2) or not torch.equal(rows[which], input2):  # few repeats, or keys that collide
        return _ORIGINAL["biaffine"](self, input1, input2)
    bilinear = self.W_bilin  # an nn.Bilinear over [input1, 1] and [input2, 1]
    weight = bilinear.weight  # (outputs, 1 + input1 width, 1 + input2 width)
    right = torch.cat([rows, rows.new_ones(len(rows), 1)], 1)
    contracted = (weight.reshape(-1, weight.size(2)) @ right.T).view(*weight.shape[:2], -1).permute(2, 1, 0)
    order = torch.argsort(which, stable=True)  # the words grouped by row, each group one product
    groups = torch.cat([input1, input1.new_ones(len(input1), 1)], 1)[order].split(
        torch.bincount(which, minlength=len(rows)).tolist())
    out = input1.new_empty(len(input1), weight.size(0))
    out[order] = torch.cat([x @ contracted[u] for u, x in enumerate(groups)])
    return out + bilinear.bias


def _lemma_batches(doc: Any, batch_size: int, config: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
    if kwargs.get("skip") is None and (config.get("ensemble_dict") or config.get("dict_only")):
        kwargs["conll_only"] = True  # the caller reads this loader's document, never its tensors
    return _ORIGINAL["lemma_batches"](doc, batch_size, config, *args, **kwargs)


def patch(owner: Any, attribute: str, new: Any) -> None:
    """Put `new` in place of `owner.attribute`, noting what was there so that `restore` can put it back."""
    own = isinstance(owner, type) and attribute in owner.__dict__  # a class's own method, not a bound one
    old = owner.__dict__[attribute] if own else getattr(owner, attribute)
    _APPLIED.append((owner, attribute, old))
    setattr(owner, attribute, new)


def restore() -> None:
    """Put back everything `patch` replaced, the last first."""
    while _APPLIED:
        owner, attribute, old = _APPLIED.pop()
        setattr(owner, attribute, old)
    _ORIGINAL.clear()


def accelerate() -> bool:
    """This module's and quotes.mst's patches to stanza, all or none, for this process; whether they are in
    place. None with QUOTES_PLAIN_STANZA set (say, in a process that also trains a stanza model), with another
    stanza than the one they were written for, or when putting one in place fails: stanza's own code then runs,
    with a warning saying why."""
    from . import mst

    if _APPLIED:
        return True
    if os.environ.get(PLAIN, "") not in ("", "0"):
        return False
    import stanza

    if not stanza.__version__.startswith(FOR_STANZA):
        warnings.warn(f"quotes: stanza {stanza.__version__} is not the {FOR_STANZA}x its speed-ups were written "
                      "for; running stanza's own code", stacklevel=2)
        return False
    try:
        mst.install()
        install()
    except Exception as e:  # an attribute stanza renamed, a module it moved: back to stanza's own, whole
        restore()
        mst.forget()
        warnings.warn(f"quotes: stanza's speed-ups could not be put in place ({type(e).__name__}: {e}); running "
                      "stanza's own code", stacklevel=2)
        return False
    return True


def install() -> None:
    """Put the above in place of stanza 1.15's for this process (idempotent); `accelerate` calls it."""
    import stanza.pipeline.core  # noqa: F401 - every processor's modules, which bind get_long_tensor at import
    from stanza.models.common import biaffine, char_model, data, vocab
    from stanza.models.pos import vocab as pos_vocab
    from stanza.pipeline import lemma_processor

    if _ORIGINAL:
        return
    _ORIGINAL["lemma_batches"] = lemma_processor.DataLoader
    patch(lemma_processor, "DataLoader", _lemma_batches)
    _ORIGINAL["get_long_tensor"] = data.get_long_tensor
    _ORIGINAL["char_forward"] = char_model.CharacterModel.forward
    for name, module in list(sys.modules.items()):
        if name.startswith("stanza.") and getattr(module, "get_long_tensor", None) is _ORIGINAL["get_long_tensor"]:
            patch(module, "get_long_tensor", padded)
    patch(vocab.BaseVocab, "map", _map)
    for cls, method in ((vocab.BaseVocab, "unit2id"), (vocab.CompositeVocab, "unit2id"),
                        (vocab.CompositeVocab, "id2unit"), (pos_vocab.WordVocab, "unit2id")):
        # a memo per class: WordVocab's unit2id calls BaseVocab's and may answer otherwise
        patch(cls, method, _remembered(cls.__dict__[method], f"_lean_{cls.__name__}_{method}"))
    patch(char_model.CharacterModel, "forward", _char_vectors)
    _ORIGINAL["biaffine"] = biaffine.BiaffineScorer.forward
    patch(biaffine.BiaffineScorer, "forward", _tag_scores)
