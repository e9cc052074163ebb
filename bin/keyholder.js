#!/usr/bin/env node
require('../dist/keyholder.js');
