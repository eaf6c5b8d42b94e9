// Included in the body of the formal stand-ins of virq_eq and virq_route
// (formal/stubs/virq_eq.v, virq_route.v; module scope gives NUM_EQ): the
// decoded queue of the route -> writer event word, queue 0's bit for a
// queue past NUM_EQ.  virq_route's proof asserts that its output one-hot
// is this decode, virq_eq's proof assumes it of its input; the route
// stand-in assumes it and the eq stand-in asserts it (B5, formal/README.md
// "virq_top"), with this one definition on both sides.
function [NUM_EQ-1:0] f_q_oh;
    input [7:0] q;
    integer k;
    begin
        f_q_oh = {NUM_EQ{1'b0}};
        for (k = 0; k < NUM_EQ; k = k + 1)
            if ({24'h0, q} == k || ({24'h0, q} >= NUM_EQ && k == 0))
                f_q_oh[k] = 1'b1;
    end
endfunction
