#ifndef WRE_FLOAT32_KERNELS_H
#define WRE_FLOAT32_KERNELS_H
// Products with a dense row-major float32 block (m × n) and float64 vectors. Every product
// widens each entry to double and accumulates in double, so the only rounding beyond float64
// arithmetic is the one already in the stored entries: a float32 block gives the same results
// as the float64 block holding the same (float-representable) values, to float64 rounding.
#include <stddef.h>

/// y_i = alpha · A_i·x + beta · y_i for rows [row_begin, row_end) (beta == 0 overwrites y).
void wre_f32_gemv_rows(size_t row_begin, size_t row_end, size_t n, const float *A,
                       double alpha, const double *x, double beta, double *y);

/// acc += alpha · Σ_{i ∈ [row_begin, row_end)} x_i A_i  (Aᵀx restricted to the rows; acc has n entries).
void wre_f32_gemv_t_rows(size_t row_begin, size_t row_end, size_t n, const float *A,
                         double alpha, const double *x, double *acc);

/// The fused judgment pass of FusedRowPass.h (same contract) over float32 blocks A and C.
void wre_f32_fused_judgment_pass(size_t row_begin, size_t row_end, size_t n, size_t k,
                                 const float *A, const float *C, const double *p, const double *t,
                                 double alpha_jp, double alpha_jt,
                                 const double *x0, const double *lambda, const double *lower,
                                 const double *upper, const double *fallback,
                                 double *j_out, double *pull_out, double *acc_a, double *acc_c);

#endif
