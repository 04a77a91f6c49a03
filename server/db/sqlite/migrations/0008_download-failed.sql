-- "failed with error code download" becomes its own status (docs/decisions/014-job-state-machine.md).
UPDATE jobs SET status = 'download_failed' WHERE status = 'failed' AND error_code = 'download';
