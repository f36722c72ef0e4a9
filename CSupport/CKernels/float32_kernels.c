#include "Float32Kernels.h"
#include "judgment_value.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define WRE_F32_X86 1
#endif

// Baseline: four independent double accumulators, vectorizable (float → double widening)
// without reassociating sums, as in fused_row_pass.c.
static inline double dot_f32_generic(const float *restrict a, const double *restrict x, size_t n) {
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

static inline void axpy_f32_generic(double alpha, const float *restrict a, double *restrict y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] += alpha * (double)a[i];
}

#ifdef WRE_F32_X86
// AVX2 + FMA: 8 floats per step widened to two vectors of 4 doubles (vcvtps2pd), fused
// multiply-add into double accumulators. Chosen at run time when the CPU has AVX2 and FMA.
#define WRE_F32_AVX2 __attribute__((target("avx2,fma")))

WRE_F32_AVX2 static inline double dot_f32_avx2(const float *restrict a, const double *restrict x, size_t n) {
    __m256d s0 = _mm256_setzero_pd(), s1 = _mm256_setzero_pd();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        s0 = _mm256_fmadd_pd(_mm256_cvtps_pd(_mm_loadu_ps(a + i)), _mm256_loadu_pd(x + i), s0);
        s1 = _mm256_fmadd_pd(_mm256_cvtps_pd(_mm_loadu_ps(a + i + 4)), _mm256_loadu_pd(x + i + 4), s1);
    }
    __m256d s = _mm256_add_pd(s0, s1);
    __m128d h = _mm_add_pd(_mm256_castpd256_pd128(s), _mm256_extractf128_pd(s, 1));
    double total = _mm_cvtsd_f64(_mm_add_sd(h, _mm_unpackhi_pd(h, h)));
    for (; i < n; i++) total += (double)a[i] * x[i];
    return total;
}

WRE_F32_AVX2 static inline void axpy_f32_avx2(double alpha, const float *restrict a, double *restrict y, size_t n) {
    __m256d va = _mm256_set1_pd(alpha);
    size_t i = 0;
    for (; i + 4 <= n; i += 4)
        _mm256_storeu_pd(y + i, _mm256_fmadd_pd(va, _mm256_cvtps_pd(_mm_loadu_ps(a + i)), _mm256_loadu_pd(y + i)));
    for (; i < n; i++) y[i] += alpha * (double)a[i];
}

static int has_avx2(void) {
    static int cached = -1;
    if (cached < 0) cached = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return cached;
}
#endif

// The three loops below, instantiated once per instruction set (suffix S).
#define WRE_F32_LOOPS(S, ATTR)                                                                          \
ATTR static void gemv_rows_##S(size_t row_begin, size_t row_end, size_t n, const float *A,             \
                               double alpha, const double *x, double beta, double *y) {                \
    for (size_t i = row_begin; i < row_end; i++) {                                                     \
        double v = alpha * dot_f32_##S(A + i * n, x, n);                                               \
        y[i] = beta == 0 ? v : v + beta * y[i];                                                        \
    }                                                                                                  \
}                                                                                                      \
ATTR static void gemv_t_rows_##S(size_t row_begin, size_t row_end, size_t n, const float *A,           \
                                 double alpha, const double *x, double *acc) {                         \
    for (size_t i = row_begin; i < row_end; i++) {                                                     \
        double s = alpha * x[i];                                                                       \
        if (s != 0) axpy_f32_##S(s, A + i * n, acc, n);                                                \
    }                                                                                                  \
}                                                                                                      \
ATTR static void fused_##S(size_t row_begin, size_t row_end, size_t n, size_t k,                       \
                           const float *A, const float *C, const double *p, const double *t,           \
                           double alpha_jp, double alpha_jt,                                           \
                           const double *x0, const double *lambda, const double *lower,                \
                           const double *upper, const double *fallback,                                \
                           double *j_out, double *pull_out, double *acc_a, double *acc_c) {            \
    for (size_t i = row_begin; i < row_end; i++) {                                                     \
        const float *a_row = A + i * n;                                                                \
        double pull = alpha_jp * dot_f32_##S(a_row, p, n);                                             \
        const float *c_row = C ? C + i * k : 0;                                                        \
        if (c_row && k > 0) pull += alpha_jt * dot_f32_##S(c_row, t, k);                               \
        double j = wre_judgment_value(pull, x0[i], lambda[i], lower[i], upper[i], fallback[i]);        \
        j_out[i] = j;                                                                                  \
        if (pull_out) pull_out[i] = pull;                                                              \
        if (j != 0) {                                                                                  \
            axpy_f32_##S(j, a_row, acc_a, n);                                                          \
            if (c_row && k > 0) axpy_f32_##S(j, c_row, acc_c, k);                                      \
        }                                                                                              \
    }                                                                                                  \
}

WRE_F32_LOOPS(generic, )
#ifdef WRE_F32_X86
WRE_F32_LOOPS(avx2, WRE_F32_AVX2)
#endif

void wre_f32_gemv_rows(size_t row_begin, size_t row_end, size_t n, const float *A,
                       double alpha, const double *x, double beta, double *y) {
#ifdef WRE_F32_X86
    if (has_avx2()) { gemv_rows_avx2(row_begin, row_end, n, A, alpha, x, beta, y); return; }
#endif
    gemv_rows_generic(row_begin, row_end, n, A, alpha, x, beta, y);
}

void wre_f32_gemv_t_rows(size_t row_begin, size_t row_end, size_t n, const float *A,
                         double alpha, const double *x, double *acc) {
#ifdef WRE_F32_X86
    if (has_avx2()) { gemv_t_rows_avx2(row_begin, row_end, n, A, alpha, x, acc); return; }
#endif
    gemv_t_rows_generic(row_begin, row_end, n, A, alpha, x, acc);
}

void wre_f32_fused_judgment_pass(size_t row_begin, size_t row_end, size_t n, size_t k,
                                 const float *A, const float *C, const double *p, const double *t,
                                 double alpha_jp, double alpha_jt,
                                 const double *x0, const double *lambda, const double *lower,
                                 const double *upper, const double *fallback,
                                 double *j_out, double *pull_out, double *acc_a, double *acc_c) {
#ifdef WRE_F32_X86
    if (has_avx2()) {
        fused_avx2(row_begin, row_end, n, k, A, C, p, t, alpha_jp, alpha_jt, x0, lambda, lower, upper, fallback,
                   j_out, pull_out, acc_a, acc_c);
        return;
    }
#endif
    fused_generic(row_begin, row_end, n, k, A, C, p, t, alpha_jp, alpha_jt, x0, lambda, lower, upper, fallback,
                  j_out, pull_out, acc_a, acc_c);
}
