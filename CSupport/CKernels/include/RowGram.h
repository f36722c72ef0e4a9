#ifndef WRE_ROW_GRAM_H
#define WRE_ROW_GRAM_H
// The Gram sum of selected judgment rows for the Schur complement (docs/model.md), exploiting the
// zeros of dense-stored rows: BLAS `dsyrk` costs (n+k)² per row whatever its sparsity, the
// scatter below costs nnz²/2.
#include <stddef.h>
#include <stdint.h>

/// For each row r = rows[s], s < count, of the row-major blocks `A` (m × n) and `C` (m × k, may be
/// NULL), with w = [alpha_a · A_r | alpha_c · C_r] / sqrt(lambda_r) (length q = n + k):
///
///     if nnz(w) ≤ max_nnz:  gram[a·q + b] += sign · w_a · w_b   for a ≤ b over the nonzeros of w
///     else:                 the row is left out and appended to dense_rows
///
/// Only the upper triangle of the row-major q × q `gram` is touched. Rows are gathered in chunks
/// and applied one cache-sized panel of `gram` rows at a time. Returns how many rows went to
/// `dense_rows` (capacity count); if scratch memory cannot be allocated, every row goes there.
size_t wre_sparse_row_gram(const int64_t *rows, size_t count, size_t n, size_t k,
                           const double *A, const double *C, double alpha_a, double alpha_c,
                           const double *lambda, double sign, size_t max_nnz,
                           double *gram, int64_t *dense_rows);

#endif
