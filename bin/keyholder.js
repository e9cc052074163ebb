#!/usr/bin/env node
import '../dist/keyholder.js';
