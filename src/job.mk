# Supervision (issue 5): process-group jobs, output capture and line buffers.
