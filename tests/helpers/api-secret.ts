// Route handlers read the auth secret from the config, as in production: it must be the one the
// test cookies are signed with (TEST_SECRET in ./realtime), set before anything builds the
// config. Hence no imports here: this module runs first.
process.env.AUTH_SECRET = "test-secret-that-is-long-enough-123";
