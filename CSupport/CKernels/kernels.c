#include "CKernels.h"

int wre_kernels_version(void) { return 1; }
