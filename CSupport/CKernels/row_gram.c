#include "RowGram.h"
#include <math.h>
#include <stdlib.h>

// Rows are taken in chunks: each chunk's non-zeros are gathered into a compact (index, value)
// list, then the Gram updates are applied one panel of `gram` rows at a time, so the scattered
// updates stay in a cache-sized slice of `gram` instead of missing all over it.
enum { CHUNK_ROWS = 2048, PANEL_BYTES = 256 * 1024 };

size_t wre_sparse_row_gram(const int64_t *rows, size_t count, size_t n, size_t k,
                           const double *A, const double *C, double alpha_a, double alpha_c,
                           const double *lambda, double sign, size_t max_nnz,
                           double *gram, int64_t *dense_rows) {
    const size_t q = n + k;
    size_t dense = 0;
    size_t panel = PANEL_BYTES / (8 * (q > 0 ? q : 1));
    if (panel < 8) panel = 8;
    int32_t *index = malloc(sizeof(int32_t) * CHUNK_ROWS * (max_nnz + 1));
    double *value = malloc(sizeof(double) * CHUNK_ROWS * (max_nnz + 1));
    size_t *start = malloc(sizeof(size_t) * (CHUNK_ROWS + 1));
    size_t *cursor = malloc(sizeof(size_t) * CHUNK_ROWS);
    if (!index || !value || !start || !cursor) {  // no memory: hand every row to dsyrk
        free(index); free(value); free(start); free(cursor);
        for (size_t s = 0; s < count; s++) dense_rows[s] = rows[s];
        return count;
    }
    for (size_t first = 0; first < count; first += CHUNK_ROWS) {
        const size_t last = first + CHUNK_ROWS < count ? first + CHUNK_ROWS : count;
        size_t kept = 0, total = 0;
        start[0] = 0;
        for (size_t s = first; s < last; s++) {
            const int64_t r = rows[s];
            const double scale = 1.0 / sqrt(lambda[r]);
            const double fa = alpha_a * scale, fc = alpha_c * scale;
            const double *ar = A + (size_t)r * n;
            size_t nnz = 0;
            int32_t *ix = index + total;
            double *vx = value + total;
            for (size_t c = 0; c < n && nnz <= max_nnz; c++) {
                if (ar[c] != 0) { ix[nnz] = (int32_t)c; vx[nnz] = fa * ar[c]; nnz++; }
            }
            if (C != NULL && fc != 0) {
                const double *cr = C + (size_t)r * k;
                for (size_t c = 0; c < k && nnz <= max_nnz; c++) {
                    if (cr[c] != 0) { ix[nnz] = (int32_t)(n + c); vx[nnz] = fc * cr[c]; nnz++; }
                }
            }
            if (nnz > max_nnz) { dense_rows[dense++] = r; continue; }
            total += nnz;
            cursor[kept] = start[kept];
            start[++kept] = total;
        }
        for (size_t p0 = 0; p0 < q; p0 += panel) {
            const int32_t p1 = (int32_t)(p0 + panel < q ? p0 + panel : q);
            for (size_t s = 0; s < kept; s++) {
                const size_t end = start[s + 1];
                size_t a = cursor[s];
                for (; a < end && index[a] < p1; a++) {
                    double *restrict g = gram + (size_t)index[a] * q;
                    const double va = sign * value[a];
                    for (size_t b = a; b < end; b++) g[index[b]] += va * value[b];
                }
                cursor[s] = a;
            }
        }
    }
    free(index); free(value); free(start); free(cursor);
    return dense;
}
