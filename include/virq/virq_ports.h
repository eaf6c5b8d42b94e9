/* virq_top port list, shared by the C model, the lockstep harnesses and any
 * tool that wants to mirror the RTL: one X-macro entry per port, named
 * exactly as the Verilog port; inputs and outputs in lists of their own,
 * each in about the RTL's order (m_dma_ready_i comes before gev_i here,
 * after it in the RTL: connect by name, not position).
 *
 * X(name, width): width is a bit count, or one of the VIRQ_W_* codes below
 * for widths that depend on the instance parameters; virq_port_width()
 * resolves them.  Clock is implicit (one virq_step() = one rising edge). */
#ifndef VIRQ_PORTS_H
#define VIRQ_PORTS_H

#define VIRQ_W_ADDR (-1) /* params.addr_w */
#define VIRQ_W_NVEC (-2) /* params.num_vec */

#define VIRQ_TOP_INPUTS(X)        \
    X(rst_ni, 1)                  \
    X(s_axil_awaddr_i, VIRQ_W_ADDR) \
    X(s_axil_awvalid_i, 1)        \
    X(s_axil_wdata_i, 32)         \
    X(s_axil_wstrb_i, 4)          \
    X(s_axil_wvalid_i, 1)         \
    X(s_axil_bready_i, 1)         \
    X(s_axil_araddr_i, VIRQ_W_ADDR) \
    X(s_axil_arvalid_i, 1)        \
    X(s_axil_rready_i, 1)         \
    X(s_evt_valid_i, 1)           \
    X(s_evt_func_i, 4)            \
    X(s_evt_eq_i, 8)              \
    X(s_evt_code_i, 8)            \
    X(s_evt_param_i, 24)          \
    X(s_evt_htype_i, 3)           \
    X(m_dma_ready_i, 1)           \
    X(gev_i, 4)                   \
    X(evt_i, VIRQ_W_NVEC)         \
    X(m_msi_ready_i, 1)

/* Input ports wider than 64 bits, as byte arrays in network order: X(name,
 * bytes), byte 0 is the most significant (bits 8*bytes-1 .. 8*bytes-8).
 * s_evt_tuple_i is the hash input tuple of a data event (virq_hash_tuple()
 * of include/virq/virq_toeplitz.h fills it); the RTL port follows
 * s_evt_htype_i. */
#define VIRQ_TOP_BYTE_INPUTS(X)   \
    X(s_evt_tuple_i, 36)

#define VIRQ_TOP_OUTPUTS(X)       \
    X(s_axil_awready_o, 1)        \
    X(s_axil_wready_o, 1)         \
    X(s_axil_bresp_o, 2)          \
    X(s_axil_bvalid_o, 1)         \
    X(s_axil_arready_o, 1)        \
    X(s_axil_rdata_o, 32)         \
    X(s_axil_rresp_o, 2)          \
    X(s_axil_rvalid_o, 1)         \
    X(s_evt_ready_o, 1)           \
    X(m_dma_valid_o, 1)           \
    X(m_dma_addr_o, 64)           \
    X(m_dma_data_o, 32)           \
    X(m_dma_func_o, 4)            \
    X(guest_irq_o, VIRQ_W_NVEC)   \
    X(wake_irq_o, VIRQ_W_NVEC)    \
    X(m_msi_valid_o, 1)           \
    X(m_msi_addr_o, 64)           \
    X(m_msi_data_o, 32)           \
    X(m_msi_func_o, 4)            \
    X(m_msi_vec_o, 6)             \
    X(intx_o, 1)

#endif /* VIRQ_PORTS_H */
