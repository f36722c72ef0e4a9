#ifndef WRE_SPARSE_KERNELS_H
#define WRE_SPARSE_KERNELS_H
// Products with a block in compressed sparse rows (CSR): row i holds data[r] at column
// indices[r] for r in [indptr[i], indptr[i+1]), columns strictly increasing within a row.
// All sums in double.
#include <stddef.h>
#include <stdint.h>

/// y_i = alpha · A_i·x + beta · y_i for rows [row_begin, row_end) (beta == 0 overwrites y).
void wre_csr_gemv_rows(size_t row_begin, size_t row_end, const ptrdiff_t *indptr, const int32_t *indices,
                       const double *data, double alpha, const double *x, double beta, double *y);

/// acc += alpha · Σ_{i ∈ [row_begin, row_end)} x_i A_i  (acc has one entry per column).
void wre_csr_gemv_t_rows(size_t row_begin, size_t row_end, const ptrdiff_t *indptr, const int32_t *indices,
                         const double *data, double alpha, const double *x, double *acc);

/// The fused judgment pass of FusedRowPass.h (same contract) over CSR blocks A (m × n) and
/// C (m × k; c_indptr == NULL when absent or dropped).
void wre_csr_fused_judgment_pass(size_t row_begin, size_t row_end,
                                 const ptrdiff_t *a_indptr, const int32_t *a_indices, const double *a_data,
                                 const ptrdiff_t *c_indptr, const int32_t *c_indices, const double *c_data,
                                 const double *p, const double *t, double alpha_jp, double alpha_jt,
                                 const double *x0, const double *lambda, const double *lower,
                                 const double *upper, const double *fallback,
                                 double *j_out, double *pull_out, double *acc_a, double *acc_c);

/// The Gram sum of the Schur complement (docs/model.md): with w_i = [alpha_jp A_i | alpha_jt C_i]
/// (n + k entries; C absent when c_indptr == NULL),
///
///     G += sign · Σ_{r < count} w_i w_iᵀ / lambda_i,   i = rows[r],
///
/// on the upper triangle (column ≥ row) of the row-major q × q matrix G, q = n + k. Sparse
/// outer products: cost Σ_i nnz(w_i)², not (n + k)² per row. lambda_i must be > 0.
void wre_csr_gram(size_t count, const ptrdiff_t *rows, size_t n, size_t k,
                  const ptrdiff_t *a_indptr, const int32_t *a_indices, const double *a_data, double alpha_jp,
                  const ptrdiff_t *c_indptr, const int32_t *c_indices, const double *c_data, double alpha_jt,
                  const double *lambda, double sign, double *gram);

#endif
