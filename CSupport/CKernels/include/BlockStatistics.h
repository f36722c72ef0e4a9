#ifndef WRE_BLOCK_STATISTICS_H
#define WRE_BLOCK_STATISTICS_H
// One read of the rows of the judgment blocks A (m × n) and C (m × k) that yields what the
// validation, the scaled residual and the certificate need (docs/model.md): the number of
// entries outside [-1, 1] (NaN included), the non-zeros, absolute row and column sums, the
// diagonal of the judgments' Gram sum and the Collatz–Wielandt product of the certificate,
//
//     r_i     = Σ_a |A_ia| x_a,   r'_i = Σ_c |C_ic| x_{n+c}
//     s_i     = alpha_jp r_i + alpha_jt r'_i                                  (|W_JY| x)_i
//     col_a  += |A_ia|,                 col_{n+c}  += |C_ic|
//     gram_a += alpha_jp |A_ia| w_i s_i, gram_{n+c} += alpha_jt |C_ic| w_i s_i   (|W_YJ| diag(w) |W_JY| x)
//     diag_a += A_ia² w_i,              diag_{n+c} += C_ic² w_i                  (unscaled by alpha²)
//
// with w_i a per-row weight (1/λ_i for an anchored revisable judgment, 0 to leave the row out).
// Every output pointer may be NULL (not computed). `row_a` and `row_c` receive r_i and r'_i at
// index i; `col`, `gram` and `diag` (n + k entries each) are accumulated into (the caller
// zeroes them, one set per thread); `nonzeros[0]` and `nonzeros[1]` are incremented by the
// non-zero counts of A and C.
// Returns the number of stored entries of the rows that are not in [-1, 1]; the sums are then
// meaningless and the caller reports the first such entry.
#include <stddef.h>
#include <stdint.h>

size_t wre_block_statistics(size_t row_begin, size_t row_end, size_t n, size_t k,
                            const double *A, const double *C, double alpha_jp, double alpha_jt,
                            const double *x, const double *w,
                            double *row_a, double *row_c, double *col, double *gram, double *diag, size_t *nonzeros);

/// The same over float32 blocks (each entry widened to double).
size_t wre_f32_block_statistics(size_t row_begin, size_t row_end, size_t n, size_t k,
                                const float *A, const float *C, double alpha_jp, double alpha_jt,
                                const double *x, const double *w,
                                double *row_a, double *row_c, double *col, double *gram, double *diag, size_t *nonzeros);

/// The same over CSR blocks (C absent when c_indptr == NULL); explicit zeros are not counted
/// as non-zeros.
size_t wre_csr_block_statistics(size_t row_begin, size_t row_end, size_t n,
                                const ptrdiff_t *a_indptr, const int32_t *a_indices, const double *a_data,
                                const ptrdiff_t *c_indptr, const int32_t *c_indices, const double *c_data,
                                double alpha_jp, double alpha_jt, const double *x, const double *w,
                                double *row_a, double *row_c, double *col, double *gram, double *diag, size_t *nonzeros);

#endif
