#include "FusedRowPass.h"

// Four independent accumulators let the compiler vectorize the dot product without
// reassociating floating-point sums (no -ffast-math needed).
static inline double dot(const double *restrict a, const double *restrict x, size_t n) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        s0 += a[i] * x[i];
        s1 += a[i + 1] * x[i + 1];
        s2 += a[i + 2] * x[i + 2];
        s3 += a[i + 3] * x[i + 3];
    }
    for (; i < n; i++) s0 += a[i] * x[i];
    return (s0 + s1) + (s2 + s3);
}

static inline void axpy(double alpha, const double *restrict a, double *restrict y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] += alpha * a[i];
}

static inline double judgment_value(double pull, double x0, double lambda, double lo, double hi, double fallback) {
    double target;
    if (lo == hi) return lo;
    if (lambda > 0) target = x0 + pull / lambda;
    else if (pull > 0) target = hi;
    else if (pull < 0) target = lo;
    else target = fallback;
    return target < lo ? lo : (target > hi ? hi : target);
}

void wre_fused_judgment_pass(size_t row_begin, size_t row_end, size_t n, size_t k,
                             const double *A, const double *C, const double *p, const double *t,
                             double alpha_jp, double alpha_jt,
                             const double *x0, const double *lambda, const double *lower,
                             const double *upper, const double *fallback,
                             double *j_out, double *pull_out, double *acc_a, double *acc_c) {
    for (size_t i = row_begin; i < row_end; i++) {
        const double *a_row = A + i * n;
        double pull = alpha_jp * dot(a_row, p, n);
        const double *c_row = C ? C + i * k : 0;
        if (c_row && k > 0) pull += alpha_jt * dot(c_row, t, k);
        double j = judgment_value(pull, x0[i], lambda[i], lower[i], upper[i], fallback[i]);
        j_out[i] = j;
        if (pull_out) pull_out[i] = pull;
        // The row is still in L1: the second use costs no memory traffic.
        if (j != 0) {
            axpy(j, a_row, acc_a, n);
            if (c_row && k > 0) axpy(j, c_row, acc_c, k);
        }
    }
}
