#!/usr/bin/env node
'use strict';
// The backend and its CLI (`npm start`, `npm run cli -- <command>`): compiled JavaScript, rebuilt first when src/ changed.
require(require('../scripts/build-server.js').ensureBuilt());
