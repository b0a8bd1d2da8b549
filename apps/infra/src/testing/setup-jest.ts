// Registers cdktf's matchers (toHaveResourceWithProperties, ...) and their typings for every infra spec.
import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';

Testing.setupJest();
