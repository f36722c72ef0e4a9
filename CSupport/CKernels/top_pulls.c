#include "TopPulls.h"
#include <math.h>
#include <stdlib.h>

// The current floor of each slot (the smallest kept magnitude once `limit` are kept, else 0)
// is kept in an array of its own, so the hot loop is a multiply and a compare per entry; a pull
// that passes goes into its slot's sorted list by insertion (limit is small: a few). If the
// floors cannot be allocated nothing is kept (the caller's lists stay empty), never a crash.

static inline void insert(size_t s, double v, int64_t row, size_t limit, double *top_value, int64_t *top_row,
                          int32_t *top_count, double *floor) {
    double *values = top_value + s * limit;
    int64_t *rows = top_row + s * limit;
    size_t count = (size_t)top_count[s];
    double size = fabs(v);
    if (count == limit) count--;  // the last one drops out (it is weaker: size > floor)
    size_t at = count;
    while (at > 0 && fabs(values[at - 1]) < size) {
        values[at] = values[at - 1];
        rows[at] = rows[at - 1];
        at--;
    }
    values[at] = v;
    rows[at] = row;
    top_count[s] = (int32_t)(count + 1);
    floor[s] = (size_t)top_count[s] == limit ? fabs(values[limit - 1]) : 0;
}

#define WRE_TOP_PULLS(NAME, T)                                                                        \
    void NAME(size_t row_begin, size_t row_end, size_t n, const T *A, const double *x, double alpha, \
              const int32_t *slot, const double *sign, size_t limit, double *top_value,              \
              int64_t *top_row, int32_t *top_count) {                                                \
        if (limit == 0) return;                                                                      \
        size_t slots = 0;                                                                            \
        for (size_t c = 0; c < n; c++) if (slot[c] >= 0 && (size_t)slot[c] + 1 > slots) slots = (size_t)slot[c] + 1; \
        double *floor = (double *)malloc((slots ? slots : 1) * sizeof(double));                       \
        if (!floor) return;                                                                          \
        for (size_t s = 0; s < slots; s++)                                                           \
            floor[s] = (size_t)top_count[s] == limit ? fabs(top_value[s * limit + limit - 1]) : 0;   \
        for (size_t i = row_begin; i < row_end; i++) {                                               \
            double xi = x[i];                                                                        \
            if (xi == 0) continue;                                                                   \
            const T *a = A + i * n;                                                                  \
            for (size_t c = 0; c < n; c++) {                                                         \
                int32_t s = slot[c];                                                                 \
                if (s < 0) continue;                                                                 \
                double v = alpha * (double)a[c] * xi;                                                \
                if (v == 0 || !(fabs(v) > floor[s])) continue;                                       \
                if (sign[s] != 0 && !(sign[s] * v > 0)) continue;                                    \
                insert((size_t)s, v, (int64_t)i, limit, top_value, top_row, top_count, floor);       \
            }                                                                                        \
        }                                                                                            \
        free(floor);                                                                                 \
    }

WRE_TOP_PULLS(wre_column_top_pulls, double)
WRE_TOP_PULLS(wre_f32_column_top_pulls, float)
