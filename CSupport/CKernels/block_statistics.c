#include "BlockStatistics.h"
#include <math.h>

// Each row is read from memory once: the first sweep (the weighted absolute dot product, the
// range check and the non-zero count) streams it, the second (the column sums) finds it in
// L1/L2. Both sweeps are branch-free so the compiler vectorizes them; a row whose weight is 0
// skips the Gram terms. The chosen function pointer is written once per process (a benign race:
// every thread computes the same value).

// The dense kernel is compiled three times (portable C, AVX2 + FMA, AVX-512F: the same loops,
// vectorized for each target) and chosen once at run time from the CPU, like the fused pass.
#define WRE_DENSE_STATISTICS_BODY(T)                                                                  \
    size_t bad = 0, nza = 0, nzc = 0;                                                                \
    for (size_t i = row_begin; i < row_end; i++) {                                                   \
        const T *restrict rows[2] = {A + i * n, C ? C + i * k : NULL};                               \
        const size_t len[2] = {n, k};                                                                \
        double r[2] = {0, 0};                                                                        \
        for (int b = 0; b < 2; b++) {                                                                \
            const T *restrict a = rows[b];                                                           \
            if (!a) continue;                                                                        \
            const double *restrict xb = b == 0 ? x : x + n;                                          \
            double s0 = 0;                                                                           \
            long bb = 0, zz = 0;                                                                     \
            const size_t count = len[b];                                                             \
            {                                                                                        \
                _Pragma("clang fp reassociate(on)")                                                  \
                for (size_t j = 0; j < count; j++) {                                                 \
                    double v = fabs((double)a[j]);                                                   \
                    s0 += v * xb[j];                                                                 \
                    bb += !(v <= 1.0);                                                               \
                    zz += v != 0.0;                                                                  \
                }                                                                                    \
            }                                                                                        \
            r[b] = s0;                                                                               \
            bad += (size_t)bb;                                                                       \
            if (b == 0) nza += (size_t)zz; else nzc += (size_t)zz;                                   \
        }                                                                                            \
        if (row_a) row_a[i] = r[0];                                                                  \
        if (row_c) row_c[i] = r[1];                                                                  \
        const double s = alpha_jp * r[0] + alpha_jt * r[1];                                          \
        const double wi = w ? w[i] : 0;                                                              \
        for (int b = 0; b < 2; b++) {                                                                \
            const T *restrict a = rows[b];                                                           \
            if (!a) continue;                                                                        \
            const size_t off = b == 0 ? 0 : n;                                                       \
            const double g = (b == 0 ? alpha_jp : alpha_jt) * wi * s;                                \
            if (col && wi != 0 && gram && diag) {                                                    \
                /* Validation wants all three: one sweep. */                                         \
                double *restrict cc = col + off, *restrict gg = gram + off, *restrict dd = diag + off;\
                for (size_t j = 0; j < len[b]; j++) {                                                \
                    double v = (double)a[j], av = fabs(v);                                           \
                    cc[j] += av;                                                                     \
                    gg[j] += g * av;                                                                 \
                    dd[j] += wi * v * v;                                                             \
                }                                                                                    \
                continue;                                                                            \
            }                                                                                        \
            if (col) {                                                                               \
                double *restrict cc = col + off;                                                     \
                for (size_t j = 0; j < len[b]; j++) cc[j] += fabs((double)a[j]);                     \
            }                                                                                        \
            if (wi == 0) continue;                                                                   \
            if (gram && g != 0) {                                                                    \
                double *restrict gg = gram + off;                                                    \
                for (size_t j = 0; j < len[b]; j++) gg[j] += g * fabs((double)a[j]);                 \
            }                                                                                        \
            if (diag) {                                                                              \
                double *restrict dd = diag + off;                                                    \
                for (size_t j = 0; j < len[b]; j++) { double v = (double)a[j]; dd[j] += wi * v * v; } \
            }                                                                                        \
        }                                                                                            \
    }                                                                                                \
    if (nonzeros) { nonzeros[0] += nza; nonzeros[1] += nzc; }                                        \
    return bad;

#define WRE_DENSE_PARAMS(T)                                                                           \
    size_t row_begin, size_t row_end, size_t n, size_t k, const T *A, const T *C, double alpha_jp,   \
    double alpha_jt, const double *x, const double *w, double *row_a, double *row_c, double *col,    \
    double *gram, double *diag, size_t *nonzeros

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define WRE_STATS_DISPATCH 1
#endif

#define WRE_DENSE_VARIANTS(NAME, T)                                                                   \
    static size_t NAME##_generic(WRE_DENSE_PARAMS(T)) { WRE_DENSE_STATISTICS_BODY(T) }               \
    WRE_DENSE_SIMD(NAME, T)                                                                           \
    size_t NAME(WRE_DENSE_PARAMS(T)) {                                                                \
        typedef size_t (*kernel)(WRE_DENSE_PARAMS(T));                                                \
        static kernel chosen = 0;                                                                     \
        if (!chosen) chosen = NAME##_choose();                                                        \
        return chosen(row_begin, row_end, n, k, A, C, alpha_jp, alpha_jt, x, w, row_a, row_c, col,   \
                      gram, diag, nonzeros);                                                          \
    }

#ifdef WRE_STATS_DISPATCH
#define WRE_DENSE_SIMD(NAME, T)                                                                       \
    __attribute__((target("avx2,fma"))) static size_t NAME##_avx2(WRE_DENSE_PARAMS(T)) { WRE_DENSE_STATISTICS_BODY(T) } \
    __attribute__((target("avx512f"))) static size_t NAME##_avx512(WRE_DENSE_PARAMS(T)) { WRE_DENSE_STATISTICS_BODY(T) } \
    static size_t (*NAME##_choose(void))(WRE_DENSE_PARAMS(T)) {                                       \
        __builtin_cpu_init();                                                                         \
        if (__builtin_cpu_supports("avx512f")) return NAME##_avx512;                                  \
        if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return NAME##_avx2;      \
        return NAME##_generic;                                                                        \
    }
#else
#define WRE_DENSE_SIMD(NAME, T)                                                                       \
    static size_t (*NAME##_choose(void))(WRE_DENSE_PARAMS(T)) { return NAME##_generic; }
#endif

WRE_DENSE_VARIANTS(wre_block_statistics, double)
WRE_DENSE_VARIANTS(wre_f32_block_statistics, float)

// One CSR row: the sweeps gather x and scatter into the column sums by index.
static size_t csr_row(const ptrdiff_t *indptr, const int32_t *indices, const double *data, size_t i,
                      const double *x, double *s, size_t *nz) {
    size_t bad = 0;
    double sum = 0;
    for (ptrdiff_t r = indptr[i]; r < indptr[i + 1]; r++) {
        double v = fabs(data[r]);
        sum += v * x[indices[r]];
        bad += (size_t)!(v <= 1.0);
        *nz += (size_t)(v != 0.0);
    }
    *s = sum;
    return bad;
}

static void csr_columns(const ptrdiff_t *indptr, const int32_t *indices, const double *data, size_t i,
                        double g, double w, double *col, double *gram, double *diag) {
    for (ptrdiff_t r = indptr[i]; r < indptr[i + 1]; r++) {
        double v = data[r], av = fabs(v);
        int32_t j = indices[r];
        if (col) col[j] += av;
        if (w != 0) {
            if (gram) gram[j] += g * av;
            if (diag) diag[j] += w * v * v;
        }
    }
}

size_t wre_csr_block_statistics(size_t row_begin, size_t row_end, size_t n,
                                const ptrdiff_t *a_indptr, const int32_t *a_indices, const double *a_data,
                                const ptrdiff_t *c_indptr, const int32_t *c_indices, const double *c_data,
                                double alpha_jp, double alpha_jt, const double *x, const double *w,
                                double *row_a, double *row_c, double *col, double *gram, double *diag,
                                size_t *nonzeros) {
    size_t bad = 0, nza = 0, nzc = 0;
    for (size_t i = row_begin; i < row_end; i++) {
        double sa = 0, sc = 0;
        bad += csr_row(a_indptr, a_indices, a_data, i, x, &sa, &nza);
        if (c_indptr) bad += csr_row(c_indptr, c_indices, c_data, i, x + n, &sc, &nzc);
        double s = alpha_jp * sa + alpha_jt * sc;
        if (row_a) row_a[i] = sa;
        if (row_c) row_c[i] = sc;
        double wi = w ? w[i] : 0;
        csr_columns(a_indptr, a_indices, a_data, i, alpha_jp * wi * s, wi, col, gram, diag);
        if (c_indptr)
            csr_columns(c_indptr, c_indices, c_data, i, alpha_jt * wi * s, wi, col ? col + n : NULL,
                        gram ? gram + n : NULL, diag ? diag + n : NULL);
    }
    if (nonzeros) { nonzeros[0] += nza; nonzeros[1] += nzc; }
    return bad;
}
