#ifndef WRE_H
#define WRE_H
/*
 * The C ABI of ReflectiveEquilibrium (docs/python.md): the contract of the dynamic library
 * libReflectiveEquilibriumC, implemented in Swift (Sources/WREC, checked against this header by
 * the compiler with `@c @implementation`).
 *
 * Conventions:
 *  - Handles (`wre_problem`, `wre_result`) are opaque; every handle and every string the
 *    library returns has a free function (`wre_problem_free`, `wre_result_free`,
 *    `wre_string_free`). Handles are immutable: different threads may use different handles,
 *    or the same handle, at once (the library keeps no global mutable state).
 *  - Every fallible call returns a `WRE_*` code and, unless it is WRE_OK, fills the caller's
 *    `wre_error` (when not NULL) with the code and a one-line message that names the item,
 *    field, array or file exactly as the `wre` command line does (without its "wre: error: ").
 *    Outputs are written only on success.
 *  - Nothing traps: every shape, stride, dtype, length, index and pointer is checked before
 *    the library is entered; a violation is WRE_ERROR_INPUT (or WRE_ERROR_ARGUMENT for a NULL
 *    handle or output pointer).
 *  - Borrowing: the dense blocks (C order, or rows `row_stride` elements apart) and the CSR
 *    arrays of a `wre_problem_spec` are read in place, never copied, except where a field's
 *    comment says so. The caller keeps them alive and unchanged until the problem handle, and
 *    every handle made from it (`wre_problem_update`'s `changed`), is freed. Item arrays, ids
 *    and texts are copied (O(m + n + k)); nothing else of the spec is used after the call.
 *  - Strings are NUL-terminated UTF-8; results are JSON in the formats of docs/formats.md.
 */
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this header; `wre_abi_version()` returns the library's. A caller checks that
 * they are equal before anything else. */
#define WRE_ABI_VERSION 1

/* Return codes. */
#define WRE_OK 0
/* Bad input: the problem, an array, a file, an option or a change set. */
#define WRE_ERROR_INPUT 1
/* A misuse of the ABI: a NULL handle or output pointer. */
#define WRE_ERROR_ARGUMENT 2
/* An analysis that needs an equilibrium (support) met a solve that did not converge. */
#define WRE_ERROR_NOT_EQUILIBRIUM 3
/* A failure inside the library that is none of the above (e.g. out of memory in LAPACK). */
#define WRE_ERROR_INTERNAL 4

#define WRE_ERROR_MESSAGE_SIZE 2048

/* Filled by a failing call: `code` and the message, truncated to fit at a UTF-8 boundary. */
typedef struct wre_error {
    int32_t code;
    char message[WRE_ERROR_MESSAGE_SIZE];
} wre_error;

/* Element types. */
#define WRE_FLOAT64 1
#define WRE_FLOAT32 2
#define WRE_INT32 3
#define WRE_INT64 4

/* `length` elements of `dtype` at `data` (aligned for the type). `data == NULL` means absent
 * (then `length` is ignored) wherever a field allows it; a present empty array may have any
 * non-NULL `data`. */
typedef struct wre_array {
    const void *data;
    int64_t length;
    int32_t dtype;
} wre_array;

/* `length` UTF-8 strings; `items == NULL` means absent. */
typedef struct wre_strings {
    const char *const *items;
    int64_t length;
} wre_strings;

/* Block formats. */
#define WRE_BLOCK_ABSENT 0
#define WRE_BLOCK_DENSE 1
#define WRE_BLOCK_CSR 2

/* A compatibility block of `rows × columns` entries in [-1, 1].
 *  - WRE_BLOCK_DENSE: `data` is float64 or float32, row i at element i · row_stride
 *    (`row_stride` ≥ columns; 0 means columns), `data.length` ≥ (rows − 1) · row_stride +
 *    columns. Read in place when `row_stride == columns`; rows further apart are packed once
 *    into a copy (the kernels read rows back to back).
 *  - WRE_BLOCK_CSR: SciPy's canonical CSR: `indptr` int64 (rows + 1), `indices` int32 or
 *    int64 (strictly increasing per row, in 0 ..< columns), `data` float64 (the values).
 *    `indptr`, int32 `indices` and float64 `data` are read in place; int64 `indices` are
 *    narrowed once into an int32 copy (4 bytes per stored entry) and float32 `data` widened
 *    once into a float64 copy. `indptr`, `indices` and `data` are checked entirely. */
typedef struct wre_block {
    int32_t format;
    int64_t rows;
    int64_t columns;
    int64_t row_stride;
    wre_array data;
    wre_array indptr;
    wre_array indices;
} wre_block;

/* The items of one group (docs/formats.md). Each float64 array has `count` entries or is absent
 * (the defaults: initial 1 for judgments and 0.5 otherwise, confidence 1, the group's bounds,
 * parsimony 0). `ids` has `count` entries or is absent (j0, j1, … / p0, … / t0, …); `texts` has
 * `count` entries (each may be NULL) or is absent. */
typedef struct wre_items {
    int64_t count;
    wre_array initial;
    wre_array confidence;
    wre_array lower;
    wre_array upper;
    wre_array parsimony;
    wre_strings ids;
    wre_strings texts;
} wre_items;

/* A problem from arrays (docs/model.md). A block's rows and columns must match the item
 * counts: A m × n (required), B n × k, C m × k, S n × n (symmetric, zero diagonal). */
typedef struct wre_problem_spec {
    wre_items judgments;
    wre_items principles;
    wre_items theories;
    wre_block judgment_principle;   /* A */
    wre_block principle_theory;     /* B */
    wre_block judgment_theory;      /* C */
    wre_block principle_principle;  /* S */
    wre_array block_weights;        /* float64 (α_JP, α_PT, α_JT, α_PP), or absent for all 1 */
    const char *mode;               /* "wide" (NULL), "narrow", "top-down", "bottom-up" */
} wre_problem_spec;

typedef struct wre_problem wre_problem;
typedef struct wre_result wre_result;

/* Solver options (docs/solvers.md); `wre_solve_options_init` writes the defaults. */
typedef struct wre_solve_options {
    const char *solver;          /* "auto" (NULL), "alternating", "projected-gradient", "active-set", "connectionist", "exhaustive" */
    const char *mode;            /* NULL: the problem's mode */
    double tolerance;            /* on the scaled residual; default 1e-9 */
    int64_t max_iterations;      /* -1 (default): the solver's own limit */
    double time_limit;           /* seconds; INFINITY (default): none */
    wre_array warm_start;        /* float64, N = m + n + k values, or absent */
    uint64_t seed;               /* randomized steps; default 0 */
    int32_t certify;             /* 1 (default): certify uniqueness; 0: skip */
    double revision_threshold;   /* an item is revised when it moved more than this; default 0.05 */
    int32_t top_pulls;           /* pulls listed per revision; default 3 */
} wre_solve_options;

/* How a solve ended (docs/results.md). Strings are NUL-terminated. */
typedef struct wre_info {
    char status[32];             /* "converged", "maxIterations", "timeLimit", "stalled", … */
    char solver[32];             /* the solver that ran */
    char mode[16];
    int32_t success;             /* 1 when status is "converged" (an equilibrium), else 0 */
    int64_t iterations;
    double kkt_residual;
    double scaled_residual;
    double tolerance;
    double objective_total;
    double coherence;
    double revision_cost;
    double parsimony_cost;
    int32_t convex;              /* 1 certified, 0 refuted, -1 not known */
    int32_t unique;              /* 1 proven, 0 two equilibria found, -1 not known */
    double convexity_margin;     /* NaN when not known */
    double certifying_scale;     /* NaN when not known */
    char certificate_method[32]; /* "" when not checked */
    double seconds;              /* the solver's wall clock */
    int64_t revisions;           /* the number of revisions */
} wre_info;

/* The ABI version of the library (WRE_ABI_VERSION of the header it was built from). */
int32_t wre_abi_version(void);
/* The package version, e.g. "0.1.0" (static storage: do not free). */
const char *wre_version(void);

/* The size in bytes of the struct named `name` ("wre_error", "wre_array", "wre_strings",
 * "wre_block", "wre_items", "wre_problem_spec", "wre_solve_options", "wre_info"), 0 for any
 * other name: a binding checks its mirror of the layouts against it at load. */
int64_t wre_struct_size(const char *name);

/* Writes the default options. */
void wre_solve_options_init(wre_solve_options *options);

/* A problem over the caller's arrays (see Borrowing above), validated: every rule of
 * docs/formats.md, with errors naming the item or the block's field. */
int32_t wre_problem_create(const wre_problem_spec *spec, wre_problem **problem, wre_error *error);
/* A problem read from a wre-problem/1 file (JSON or a manifest of .npy arrays, mapped). */
int32_t wre_problem_load(const char *path, wre_problem **problem, wre_error *error);
void wre_problem_free(wre_problem *problem);
/* The item counts m, n, k. */
int32_t wre_problem_shape(const wre_problem *problem, int64_t *judgments, int64_t *principles, int64_t *theories,
                          wre_error *error);
/* {"judgments": m, "principles": n, "theories": k, "mode": …, "ids": {"judgments": […], …},
 *  "blocks": {"judgmentPrinciple": {"layout": "float64"|"float32"|"sparse", "rows", "columns",
 *  "borrowed": bool}, …}}. */
int32_t wre_problem_describe(const wre_problem *problem, char **json, wre_error *error);
/* Where the library reads block `block` (0 A, 1 B, 2 C, 3 S) from: `array` 0 the entries (dense)
 * or values (CSR), 1 indptr, 2 indices. NULL when the block or array is absent. Lets a caller
 * check that its array was not copied. */
int32_t wre_problem_block_address(const wre_problem *problem, int32_t block, int32_t array, const void **address,
                                  wre_error *error);

/* Solves (docs/solvers.md). Any of `x` (N = m + n + k values, `x_length` must be N), `info` and
 * `result` may be NULL. Non-convergence is not an error: it is the status in `info`. */
int32_t wre_problem_solve(const wre_problem *problem, const wre_solve_options *options, double *x, int64_t x_length,
                          wre_info *info, wre_result **result, wre_error *error);

/* A result read from wre-result/1 JSON (e.g. a previous `wre solve --json`). */
int32_t wre_result_read(const char *json, wre_result **result, wre_error *error);
void wre_result_free(wre_result *result);
int32_t wre_result_info(const wre_result *result, wre_info *info, wre_error *error);
/* The state x = (j, p, t) into `x` (`length` must be the result's number of items). */
int32_t wre_result_state(const wre_result *result, double *x, int64_t length, wre_error *error);
/* The result as wre-result/1 JSON. */
int32_t wre_result_json(const wre_result *result, char **json, wre_error *error);

/* Solves in each of `modes` (absent: all four) with each of `solvers` (absent: "auto") and
 * returns the wre-comparison/1 JSON. The solver and mode of `options` are not used. */
int32_t wre_problem_compare(const wre_problem *problem, const wre_strings *modes, const wre_strings *solvers,
                            const wre_solve_options *options, char **json, wre_error *error);
/* The wre-explanation/1 JSON of `result` (NULL: solves with `options` first; the solve is
 * returned in `solved` when not NULL): the revised items, or the items with the given ids
 * (absent or empty: the revisions), `top` (≥ 1) pulls each. */
int32_t wre_problem_explain(const wre_problem *problem, const wre_result *result, const wre_strings *items, int32_t top,
                            const wre_solve_options *options, char **json, wre_result **solved, wre_error *error);
/* The wre-attribution/1 JSON of what supports `item`'s value at `result` (NULL: solves with
 * `options` first), `top` (≥ 1) items, the `exact` (≥ 0) largest re-solved. Needs an
 * equilibrium: WRE_ERROR_NOT_EQUILIBRIUM otherwise. */
int32_t wre_problem_support(const wre_problem *problem, const wre_result *result, const char *item, int32_t top,
                            int32_t exact, const wre_solve_options *options, char **json, wre_error *error);
/* Applies `changes` (wre-changes/1 JSON) and re-solves warm-started from `previous` (NULL:
 * solves the problem first); `cold_start` 1 also solves the changed problem from its initial
 * values; an item counts as changed when it moved more than `threshold` (≥ 0) or changed
 * class. Returns the wre-update/1 JSON, and when not NULL the changed problem (sharing the
 * borrowed arrays) and its warm-started result. */
int32_t wre_problem_update(const wre_problem *problem, const char *changes, const wre_result *previous,
                           const wre_solve_options *options, int32_t cold_start, double threshold, char **json,
                           wre_problem **changed, wre_result **result, wre_error *error);

/* Frees a string returned by the library (NULL is ignored). */
void wre_string_free(char *string);

#ifdef __cplusplus
}
#endif

#endif /* WRE_H */
