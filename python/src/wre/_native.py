"""The C ABI of libReflectiveEquilibriumC (CSupport/CWRE/include/wre.h) through ctypes.

The structs below mirror the header's; at load their sizes are checked against the library's
(`wre_struct_size`) and its ABI version against ABI_VERSION, so a stale library fails the import
instead of corrupting memory. ctypes releases the GIL for every call into the library.
"""

import ctypes
import os
import sys
from ctypes import POINTER, Structure, c_char, c_char_p, c_double, c_int32, c_int64, c_uint64, c_void_p
from pathlib import Path

from ._errors import NotConvergedError, ProblemError

ABI_VERSION = 1

OK = 0
ERROR_INPUT = 1
ERROR_ARGUMENT = 2
ERROR_NOT_EQUILIBRIUM = 3
ERROR_INTERNAL = 4

FLOAT64 = 1
FLOAT32 = 2
INT32 = 3
INT64 = 4

BLOCK_ABSENT = 0
BLOCK_DENSE = 1
BLOCK_CSR = 2

ERROR_MESSAGE_SIZE = 2048


class Error(Structure):
    _fields_ = [("code", c_int32), ("message", c_char * ERROR_MESSAGE_SIZE)]


class Array(Structure):
    _fields_ = [("data", c_void_p), ("length", c_int64), ("dtype", c_int32)]


class Strings(Structure):
    _fields_ = [("items", POINTER(c_char_p)), ("length", c_int64)]


class Block(Structure):
    _fields_ = [
        ("format", c_int32),
        ("rows", c_int64),
        ("columns", c_int64),
        ("row_stride", c_int64),
        ("data", Array),
        ("indptr", Array),
        ("indices", Array),
    ]


class Items(Structure):
    _fields_ = [
        ("count", c_int64),
        ("initial", Array),
        ("confidence", Array),
        ("lower", Array),
        ("upper", Array),
        ("parsimony", Array),
        ("ids", Strings),
        ("texts", Strings),
    ]


class ProblemSpec(Structure):
    _fields_ = [
        ("judgments", Items),
        ("principles", Items),
        ("theories", Items),
        ("judgment_principle", Block),
        ("principle_theory", Block),
        ("judgment_theory", Block),
        ("principle_principle", Block),
        ("block_weights", Array),
        ("mode", c_char_p),
    ]


class SolveOptions(Structure):
    _fields_ = [
        ("solver", c_char_p),
        ("mode", c_char_p),
        ("tolerance", c_double),
        ("max_iterations", c_int64),
        ("time_limit", c_double),
        ("warm_start", Array),
        ("seed", c_uint64),
        ("certify", c_int32),
        ("revision_threshold", c_double),
        ("top_pulls", c_int32),
    ]


class Info(Structure):
    _fields_ = [
        ("status", c_char * 32),
        ("solver", c_char * 32),
        ("mode", c_char * 16),
        ("success", c_int32),
        ("iterations", c_int64),
        ("kkt_residual", c_double),
        ("scaled_residual", c_double),
        ("tolerance", c_double),
        ("objective_total", c_double),
        ("coherence", c_double),
        ("revision_cost", c_double),
        ("parsimony_cost", c_double),
        ("convex", c_int32),
        ("unique", c_int32),
        ("convexity_margin", c_double),
        ("certifying_scale", c_double),
        ("certificate_method", c_char * 32),
        ("seconds", c_double),
        ("revisions", c_int64),
    ]


STRUCTS = {
    "wre_error": Error,
    "wre_array": Array,
    "wre_strings": Strings,
    "wre_block": Block,
    "wre_items": Items,
    "wre_problem_spec": ProblemSpec,
    "wre_solve_options": SolveOptions,
    "wre_info": Info,
}

_P = POINTER
_handle_out = _P(c_void_p)
_string_out = _P(c_void_p)
_error = _P(Error)

# name: (restype, argtypes)
PROTOTYPES = {
    "wre_abi_version": (c_int32, []),
    "wre_version": (c_char_p, []),
    "wre_struct_size": (c_int64, [c_char_p]),
    "wre_solve_options_init": (None, [_P(SolveOptions)]),
    "wre_problem_create": (c_int32, [_P(ProblemSpec), _handle_out, _error]),
    "wre_problem_load": (c_int32, [c_char_p, _handle_out, _error]),
    "wre_problem_free": (None, [c_void_p]),
    "wre_problem_shape": (c_int32, [c_void_p, _P(c_int64), _P(c_int64), _P(c_int64), _error]),
    "wre_problem_describe": (c_int32, [c_void_p, _string_out, _error]),
    "wre_problem_block_address": (c_int32, [c_void_p, c_int32, c_int32, _P(c_void_p), _error]),
    "wre_problem_solve": (c_int32, [c_void_p, _P(SolveOptions), c_void_p, c_int64, _P(Info), _handle_out, _error]),
    "wre_result_read": (c_int32, [c_char_p, _handle_out, _error]),
    "wre_result_free": (None, [c_void_p]),
    "wre_result_info": (c_int32, [c_void_p, _P(Info), _error]),
    "wre_result_state": (c_int32, [c_void_p, c_void_p, c_int64, _error]),
    "wre_result_json": (c_int32, [c_void_p, _string_out, _error]),
    "wre_problem_compare": (c_int32, [c_void_p, _P(Strings), _P(Strings), _P(SolveOptions), _string_out, _error]),
    "wre_problem_explain": (
        c_int32,
        [c_void_p, c_void_p, _P(Strings), c_int32, _P(SolveOptions), _string_out, _handle_out, _error],
    ),
    "wre_problem_support": (
        c_int32,
        [c_void_p, c_void_p, c_char_p, c_int32, c_int32, _P(SolveOptions), _string_out, _error],
    ),
    "wre_problem_update": (
        c_int32,
        [c_void_p, c_char_p, c_void_p, _P(SolveOptions), c_int32, c_double, _string_out, _handle_out, _handle_out, _error],
    ),
    "wre_string_free": (None, [c_void_p]),
}


def library_path() -> Path:
    """$WRE_LIBRARY when set, else the library shipped inside the package (wre/lib/)."""
    override = os.environ.get("WRE_LIBRARY")
    if override:
        return Path(override)
    name = "libReflectiveEquilibriumC.dylib" if sys.platform == "darwin" else "libReflectiveEquilibriumC.so"
    return Path(__file__).resolve().parent / "lib" / name


def _load():
    path = library_path()
    if not path.is_file():
        raise ImportError(
            f"wre: the library {path} is missing: install the package with `pip install ./python` "
            "(it builds the Swift library), or set WRE_LIBRARY to a built libReflectiveEquilibriumC"
        )
    lib = ctypes.CDLL(str(path))
    for name, (restype, argtypes) in PROTOTYPES.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    found = lib.wre_abi_version()
    if found != ABI_VERSION:
        raise ImportError(f"wre: {path} has ABI version {found}, this package speaks {ABI_VERSION}: reinstall the package")
    for name, struct in STRUCTS.items():
        size = lib.wre_struct_size(name.encode())
        if size != ctypes.sizeof(struct):
            raise ImportError(f"wre: {name} is {size} bytes in {path} but {ctypes.sizeof(struct)} here: reinstall the package")
    return lib


lib = _load()
LIBRARY_VERSION = lib.wre_version().decode()


def check(code: int, error: Error) -> None:
    """Raises the exception for a failed call (code != OK): ProblemError for bad input and
    misuse, NotConvergedError for an analysis that needs an equilibrium, RuntimeError otherwise."""
    if code == OK:
        return
    message = error.message.decode("utf-8", "replace")
    if code in (ERROR_INPUT, ERROR_ARGUMENT):
        raise ProblemError(message)
    if code == ERROR_NOT_EQUILIBRIUM:
        raise NotConvergedError(message)
    raise RuntimeError(f"wre: {message}")


def call(function, *arguments) -> None:
    """Calls `function(*arguments, &error)` and raises on failure."""
    error = Error()
    check(function(*arguments, ctypes.byref(error)), error)


def take_string(pointer: c_void_p) -> str:
    """The library's string at `pointer`, freed."""
    try:
        return ctypes.string_at(pointer.value).decode("utf-8")
    finally:
        lib.wre_string_free(pointer)


def default_options() -> SolveOptions:
    options = SolveOptions()
    lib.wre_solve_options_init(ctypes.byref(options))
    return options
