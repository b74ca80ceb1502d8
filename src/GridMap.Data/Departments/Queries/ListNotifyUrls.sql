-- Where each department takes notifications (departments without a URL read their inbox).
SELECT code, notify_url FROM department WHERE notify_url IS NOT NULL;
