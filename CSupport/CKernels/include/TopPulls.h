#ifndef WRE_TOP_PULLS_H
#define WRE_TOP_PULLS_H
// The strongest pulls on several principles or theories from one pass over the rows of a dense
// block (docs/results.md, revisions and their pulls): for every column c with slot[c] >= 0, the
// `limit` largest magnitudes of the contributions
//
//     alpha * A_ic * x_i        over the rows i in [row_begin, row_end) with x_i != 0,
//
// of the sign sign[slot] (0: either), strongest first; a contribution of the same magnitude as a
// kept one comes after it (so rows seen first win ties, as a sequential scan would keep them).
// top_value and top_row hold `limit` entries per slot, top_count how many are filled; the caller
// zeroes top_count (one set of arrays per thread) and merges the threads' lists in row order.
#include <stddef.h>
#include <stdint.h>

void wre_column_top_pulls(size_t row_begin, size_t row_end, size_t n, const double *A, const double *x, double alpha,
                          const int32_t *slot, const double *sign, size_t limit,
                          double *top_value, int64_t *top_row, int32_t *top_count);

/// The same over a float32 block (entries widened to double).
void wre_f32_column_top_pulls(size_t row_begin, size_t row_end, size_t n, const float *A, const double *x, double alpha,
                              const int32_t *slot, const double *sign, size_t limit,
                              double *top_value, int64_t *top_row, int32_t *top_count);

#endif
