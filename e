iscsiadm: No records found
