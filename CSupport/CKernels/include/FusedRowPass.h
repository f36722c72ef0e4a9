#ifndef WRE_FUSED_ROW_PASS_H
#define WRE_FUSED_ROW_PASS_H
// The fused judgment pass (docs/model.md): one read of the rows of A (and C) computes the pull on
// every judgment, its closed-form value, and the sums Aᵀj and Cᵀj, where BLAS needs two passes
// (dgemv for A p, dgemv for Aᵀ j).
#include <stddef.h>

/// For the rows `[row_begin, row_end)` of the row-major blocks `A` (m × n) and `C` (m × k, may be
/// NULL when k == 0 or the block is dropped):
///
///     pull_i = alpha_jp · A_i·p + alpha_jt · C_i·t
///     j_i    = lower_i                                  if lower_i == upper_i (locked)
///            = clip(x0_i + pull_i / lambda_i)           if lambda_i > 0
///            = upper_i / lower_i / clip(fallback_i)     if lambda_i == 0 and pull_i >, <, == 0
///     acc_a += j_i · A_i,   acc_c += j_i · C_i          (unscaled by alpha)
///
/// `j_out` and `pull_out` receive j_i and pull_i at index i (pull_out may be NULL). The sums are
/// added to `acc_a` (n) and `acc_c` (k), which the caller zeroes and owns per thread.
///
/// Rows go in blocks of 4 with the sweeps software-pipelined, vectorized for the CPU it runs on
/// (AVX-512F, AVX2 + FMA or portable C, chosen once at run time): A is read from memory once.
/// The sums agree with the two-dgemv route to rounding (the order of the additions differs).
/// A row with j_i = 0 may be added as 0 · A_i, so A and C must be finite (validated on input).
void wre_fused_judgment_pass(size_t row_begin, size_t row_end, size_t n, size_t k,
                             const double *A, const double *C, const double *p, const double *t,
                             double alpha_jp, double alpha_jt,
                             const double *x0, const double *lambda, const double *lower,
                             const double *upper, const double *fallback,
                             double *j_out, double *pull_out, double *acc_a, double *acc_c);

#endif
