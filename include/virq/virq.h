/* virq: umbrella header of libvirq.  Include this one. */
#ifndef VIRQ_H
#define VIRQ_H

#include "../virq_regs.h"
#include "virq_model.h"
#include "virq_ports.h"
#include "virq_toeplitz.h"

#endif /* VIRQ_H */
