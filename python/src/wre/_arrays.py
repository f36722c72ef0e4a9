"""NumPy and SciPy inputs as the C ABI's structs (docs/python.md, Borrowing).

Blocks are handed over in place whenever the library can read them as they are: C-contiguous,
aligned, native float64 or float32 arrays (`np.load(..., mmap_mode="r")` included), and
scipy.sparse CSR matrices in canonical form with float64 (or float32) data and int32 or int64
indices. Anything else is converted once, here or in the library, as each function says. Every
array whose memory the library may read is appended to `keep`, which the Problem holds for its
whole life.
"""

import ctypes

import numpy as np

from . import _native as n
from ._errors import ProblemError

BLOCKS = (("A", "judgmentPrinciple"), ("B", "principleTheory"), ("C", "judgmentTheory"), ("S", "principlePrinciple"))
ITEM_COLUMNS = ("initial", "confidence", "lower", "upper", "parsimony")
ITEM_KEYS = ITEM_COLUMNS + ("ids", "text")
BLOCK_WEIGHT_KEYS = tuple(name for _, name in BLOCKS)

_DTYPES = {np.dtype(np.float64): n.FLOAT64, np.dtype(np.float32): n.FLOAT32, np.dtype(np.int32): n.INT32, np.dtype(np.int64): n.INT64}


def array_struct(a: np.ndarray) -> n.Array:
    """The wre_array over `a`'s memory (a must stay alive while the struct is used)."""
    return n.Array(a.ctypes.data, a.size, _DTYPES[a.dtype])


def _is_sparse(x) -> bool:
    return type(x).__module__.startswith("scipy.sparse")


def _native_float(a: np.ndarray, name: str) -> np.ndarray:
    """`a` as native-order float64 or float32: those pass as they are, other real types are
    converted once to float64 (booleans and integers meant as -1, 0, 1 included)."""
    if a.dtype.kind == "f" and a.dtype.itemsize in (4, 8):
        return a if a.dtype.isnative else a.astype(a.dtype.newbyteorder("="))
    if a.dtype.kind in "biuf":
        return a.astype(np.float64)
    raise ProblemError(f"{name}: dtype {a.dtype} is not a real number type (float64 or float32 pass without a copy)")


def block_struct(x, letter: str, keep: list) -> n.Block:
    """The wre_block of one compatibility block (A, B, C or S), or an absent block for None."""
    if x is None:
        return n.Block(n.BLOCK_ABSENT)
    if _is_sparse(x):
        return _csr_struct(x, letter, keep)
    try:
        a = np.asarray(x)
    except (TypeError, ValueError) as error:
        raise ProblemError(f"{letter}: not an array ({error})") from None
    if a.ndim != 2:
        raise ProblemError(f"{letter}: expected a 2-D array, found shape {a.shape}")
    a = _native_float(a, letter)
    rows, columns = a.shape
    itemsize = a.itemsize
    row_stride = columns
    if not (a.flags.c_contiguous and a.flags.aligned):
        # Rows back to back but further apart (a column slice of a wider array): the library
        # packs them once. Any other layout is packed here, once.
        strided = a.flags.aligned and a.strides[1] == itemsize and a.strides[0] > 0 and a.strides[0] % itemsize == 0
        if strided and rows > 0 and a.strides[0] // itemsize >= columns:
            row_stride = a.strides[0] // itemsize
        else:
            a = np.ascontiguousarray(a)
    keep.append(a)
    length = 0 if rows == 0 else (rows - 1) * row_stride + columns
    data = n.Array(a.ctypes.data, length, _DTYPES[a.dtype])
    return n.Block(n.BLOCK_DENSE, rows, columns, row_stride, data)


def _csr_struct(x, letter: str, keep: list) -> n.Block:
    """A scipy.sparse matrix as CSR: a CSR matrix in canonical form (sorted, no duplicates)
    passes its indices and data in place; other formats are converted once (tocsr), duplicates
    summed and indices sorted on a copy. `indptr` is widened to int64 when it is int32 (a copy
    of rows + 1 numbers)."""
    if x.ndim != 2:
        raise ProblemError(f"{letter}: expected a 2-D sparse matrix, found shape {x.shape}")
    if x.format != "csr":
        x = x.tocsr()
    if not x.has_canonical_format:
        x = x.copy()
        x.sum_duplicates()
    data = x.data
    if not (data.dtype in (np.float64, np.float32) and data.dtype.isnative):
        data = _native_float(data, f"{letter}.data")
    indices = x.indices if x.indices.dtype in (np.int32, np.int64) else x.indices.astype(np.int64)
    indptr = x.indptr if x.indptr.dtype == np.int64 else x.indptr.astype(np.int64)
    data, indices, indptr = (np.ascontiguousarray(v) for v in (data, indices, indptr))
    keep.extend((x, data, indices, indptr))
    rows, columns = x.shape
    return n.Block(n.BLOCK_CSR, rows, columns, 0, array_struct(data), array_struct(indptr), array_struct(indices))


def strings_struct(values, field: str, keep: list, allow_none: bool = False) -> n.Strings:
    """A wre_strings over `values` (None: absent). The encoded bytes are kept in `keep`."""
    if values is None:
        return n.Strings()
    if isinstance(values, str):
        raise ProblemError(f"{field}: expected a list of strings, found a str")
    try:
        values = list(values)
    except TypeError:
        raise ProblemError(f"{field}: expected a list of strings, found {type(values).__name__}") from None
    encoded = []
    for i, value in enumerate(values):
        if value is None and allow_none:
            encoded.append(None)
        elif isinstance(value, str):
            encoded.append(value.encode("utf-8", "surrogatepass"))
        else:
            raise ProblemError(f"{field}[{i}]: expected a str{' or None' if allow_none else ''}, found {type(value).__name__}")
    array = (ctypes.c_char_p * len(encoded))(*encoded)
    keep.append(array)
    return n.Strings(ctypes.cast(array, ctypes.POINTER(ctypes.c_char_p)), len(encoded))


def item_count(spec):
    """The number of items a group's dict implies (from its first array or list), or None."""
    if spec is None:
        return None
    for key in ITEM_KEYS:
        if key in spec and spec[key] is not None and np.ndim(spec[key]) >= 1:
            return len(spec[key])
    return None


def items_struct(spec, group: str, count: int, keep: list) -> n.Items:
    """The wre_items of one group from its dict of arrays (`initial`, `confidence`, `lower`,
    `upper`, `parsimony`, `ids`, `text`; omitted keys take the defaults of docs/formats.md).
    A scalar stands for every item. Values are converted to float64 (the library copies them)."""
    items = n.Items(count)
    if spec is None:
        return items
    if not hasattr(spec, "keys"):
        raise ProblemError(f"{group}: expected a dict of arrays (keys {', '.join(ITEM_KEYS)}), found {type(spec).__name__}")
    unknown = [key for key in spec.keys() if key not in ITEM_KEYS]
    if unknown:
        raise ProblemError(f"{group}: unknown key '{unknown[0]}' (allowed: {', '.join(ITEM_KEYS)})")
    for key in ITEM_COLUMNS:
        value = spec.get(key)
        if value is None:
            continue
        field = f"{group}.{key}"
        try:
            column = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise ProblemError(f"{field}: not an array of numbers") from None
        if column.ndim == 0:
            column = np.full(count, float(column))
        elif column.ndim != 1:
            raise ProblemError(f"{field}: expected a 1-D array, found shape {column.shape}")
        column = np.ascontiguousarray(column)
        keep.append(column)
        setattr(items, key, array_struct(column))
    items.ids = strings_struct(spec.get("ids"), f"{group}.ids", keep)
    items.texts = strings_struct(spec.get("text"), f"{group}.text", keep, allow_none=True)
    return items


def float64_struct(values, field: str, keep: list) -> n.Array:
    """A 1-D float64 wre_array (None: absent), converted once when needed."""
    if values is None:
        return n.Array()
    try:
        a = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise ProblemError(f"{field}: not an array of numbers") from None
    if a.ndim != 1:
        raise ProblemError(f"{field}: expected a 1-D array, found shape {a.shape}")
    a = np.ascontiguousarray(a)
    keep.append(a)
    return array_struct(a)


def block_weights_struct(weights, keep: list) -> n.Array:
    """The block weights (a dict with the keys of problem files, missing ones 1, or a sequence
    of four: judgmentPrinciple, principleTheory, judgmentTheory, principlePrinciple)."""
    if weights is None:
        return n.Array()
    if hasattr(weights, "keys"):
        unknown = [key for key in weights.keys() if key not in BLOCK_WEIGHT_KEYS]
        if unknown:
            raise ProblemError(f"block_weights: unknown key '{unknown[0]}' (allowed: {', '.join(BLOCK_WEIGHT_KEYS)})")
        weights = [weights.get(key, 1.0) for key in BLOCK_WEIGHT_KEYS]
    return float64_struct(weights, "blockWeights", keep)
