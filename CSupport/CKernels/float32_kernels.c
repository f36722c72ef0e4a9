#include "Float32Kernels.h"
#include "judgment_value.h"

// Four independent double accumulators: vectorizable (float → double widening) without
// reassociating sums, as in fused_row_pass.c.
static inline double dot_f32(const float *restrict a, const double *restrict x, size_t n) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        s0 += (double)a[i] * x[i];
        s1 += (double)a[i + 1] * x[i + 1];
        s2 += (double)a[i + 2] * x[i + 2];
        s3 += (double)a[i + 3] * x[i + 3];
    }
    for (; i < n; i++) s0 += (double)a[i] * x[i];
    return (s0 + s1) + (s2 + s3);
}

static inline void axpy_f32(double alpha, const float *restrict a, double *restrict y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] += alpha * (double)a[i];
}

void wre_f32_gemv_rows(size_t row_begin, size_t row_end, size_t n, const float *A,
                       double alpha, const double *x, double beta, double *y) {
    for (size_t i = row_begin; i < row_end; i++) {
        double v = alpha * dot_f32(A + i * n, x, n);
        y[i] = beta == 0 ? v : v + beta * y[i];
    }
}

void wre_f32_gemv_t_rows(size_t row_begin, size_t row_end, size_t n, const float *A,
                         double alpha, const double *x, double *acc) {
    for (size_t i = row_begin; i < row_end; i++) {
        double s = alpha * x[i];
        if (s != 0) axpy_f32(s, A + i * n, acc, n);
    }
}

void wre_f32_fused_judgment_pass(size_t row_begin, size_t row_end, size_t n, size_t k,
                                 const float *A, const float *C, const double *p, const double *t,
                                 double alpha_jp, double alpha_jt,
                                 const double *x0, const double *lambda, const double *lower,
                                 const double *upper, const double *fallback,
                                 double *j_out, double *pull_out, double *acc_a, double *acc_c) {
    for (size_t i = row_begin; i < row_end; i++) {
        const float *a_row = A + i * n;
        double pull = alpha_jp * dot_f32(a_row, p, n);
        const float *c_row = C ? C + i * k : 0;
        if (c_row && k > 0) pull += alpha_jt * dot_f32(c_row, t, k);
        double j = wre_judgment_value(pull, x0[i], lambda[i], lower[i], upper[i], fallback[i]);
        j_out[i] = j;
        if (pull_out) pull_out[i] = pull;
        if (j != 0) {
            axpy_f32(j, a_row, acc_a, n);
            if (c_row && k > 0) axpy_f32(j, c_row, acc_c, k);
        }
    }
}
