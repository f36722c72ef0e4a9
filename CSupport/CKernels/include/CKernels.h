#ifndef CKERNELS_H
#define CKERNELS_H
// C kernels where BLAS has no routine (docs/solvers.md, Kernels). Each is benchmarked against the BLAS route.
#include <stddef.h>
#include <stdint.h>
#include "FusedRowPass.h"
#include "Float32Kernels.h"
#include "SparseKernels.h"
#include "RowGram.h"
#include "BlockStatistics.h"
#include "TopPulls.h"

/// The package's kernel ABI version (lets Swift check the module links).
int wre_kernels_version(void);

#endif
